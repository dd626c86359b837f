"""Names: the places, people and organisations figures and entity claims are about.

Takes names as written; gives their canonical forms and how places relate (one is in the other, they
are the same, they cannot both be right). It reads no article: the claims stage asks it.

- `gazetteer`: the offline tables of countries, regions and cities, indexed by folded name;
- `places`: place names resolved against the gazetteer, containment and conflicts between them;
- `names`: spelling and transliteration variants of one entity across an archive (`EntityIndex`).
"""
