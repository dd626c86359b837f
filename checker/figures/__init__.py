"""Figures: every figure a sentence states, read from its words with tables, no parser and no model.

Takes a sentence's text; gives `Quantity` models (`checker.models`) via
`checker.figures.quantities.parse_quantities`: each figure's value, interval, qualifier, unit, dimension,
change and character span. Each module imports only those listed above it:

- `currencies`: the currency tables (ISO codes, CLDR names and symbols, subunits);
- `tokens`: the tokenizer, and what a digit token is worth and how precisely it is written;
- `counted`: what a bare count counts ('22 goals' -> 'goal');
- `number_words`: numbers in words ('three lakh crore', 'two thirds', 'five and a half million');
- `units`: the unit table, conversion and dimensions through pint, and the cues a unit symbol needs;
- `numbers`: `number_at`, a number with its sign, scale and ratio; `find_numbers`, every number in a text;
- `money`: a currency written before or after a figure, and amounts in subunits ('3 dollars 50 cents');
- `unit_phrases`: units as written after a figure, powers, rates, brackets and two-unit measures;
- `hedges`: bounds, hedges, vague amounts and change, and what a figure takes from the one before it;
- `figure_context`: whether a number is a figure at all (dates, clock times, names, scores, ages);
- `ranges`: ranges, two bounds on one figure, and uncertainties ('± 0.01');
- `quantities`: `parse_quantities`, which reads each figure with all of the above.
"""
