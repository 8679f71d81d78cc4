export const data = { layout: false, permalink: "/robots.txt" };

export function render() {
  return "User-agent: *\nDisallow: /\n";
}
