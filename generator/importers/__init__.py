"""Bring history from another journal app into content/ as ordinary entry files.

`run.run_import` does it; `registry.FORMATS` lists the formats. This package's own
module imports nothing, so that the command line can read the table of formats for its
help without loading what importing needs.
"""
