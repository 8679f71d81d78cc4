"""The commands of `cairn`, one module per group, each `run_NAME(args, journal) -> exit status`.

cli.py parses the command line and hands the arguments to one of them; with cli.py these
are the only modules that print. terminal.py holds what they share: the exit statuses, the
progress line, and printing text and problems safely.
"""
