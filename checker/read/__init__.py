"""Reading: a news archive in, clean articles out.

Takes a path (a folder, read recursively, or a .txt, .json, .jsonl, .html or .warc[.gz] file) or a text;
gives an `Archive`: `Article`s without page furniture, and every input that could not be read as a
`SkippedInput` with its reason. Also loads the spaCy pipelines that the later stages read sentences with.

- `ingest`: walks the path, reads each file by its format, and finishes drafts into unique `Article`s;
- `drafts`: an article before cleaning (`Draft`), an unreadable input (`Skip`), the HTML and text readers;
- `warc`: the pages of a web archive, one record at a time, as drafts;
- `htmlpage`: an HTML page's main text and metadata, with trafilatura;
- `plaintext`: a plain-text article's title, header block (byline, date, outlet) and story;
- `boilerplate`: page furniture (teasers, share buttons, footers) dropped per page and per site;
- `dates`: publication dates as feeds and pages write them, and the days between two of them;
- `filters`: narrowing an archive by publication day and outlet (--since, --until, --source);
- `nlp`: the spaCy pipelines, loaded once per process, and sentences cut into readable pieces.
"""
