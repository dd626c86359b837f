"""The throughput benchmark in parts; `benchmarks/throughput.py` is the command.

- `measure`: what one `checker.check` costs (time, rate, RSS, stage timings), scored against the
  generator's truth, and the raw encode rate of its claim texts beside it;
- `store`: a full run into a fresh store, 1% new articles, and the reruns (`--store`);
- `warc`: the generated archive rewritten as one WARC of HTML pages (`--warc`);
- `tables`: the tables printed for a run, a store run and a run per size (`--sizes`).
"""
