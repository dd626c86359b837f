"""Reports: what a desk reads. Takes a `Report`; gives text. `checker.formats.render` is the entry point.

- `render`: what every format shows of a finding, worked out once so the formats cannot drift apart;
- `text`: the terminal view (rich);
- `html`: the self-contained HTML page (Jinja2, `checker/data/report.*`);
- `chart`: the small inline SVG of a finding's figures by outlet and time.
"""
