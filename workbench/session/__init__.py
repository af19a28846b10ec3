"""The application layer: every rule of a live session, in one place.

Phones (`web/`), the projector (`ui/`), the protocol (`exports`) and the CLI call these modules
and only parse and show. One hop from here to any rule:

- `model`: the vocabulary (stage kinds, sectors, statuses) and the text rules of a card;
- `wall`: which cards a stage shows and in what order, grouped;
- `voting`: the registry of decision methods (ballot rules, phone state, results, protocol);
- `phone`: what a participant's phone shows and every action it can take;
- `facilitator`: every action of the facilitator (stages, cards, groups, ballots on paper).

The layer imports the store and pure analysis modules; it never imports `ui`, `web` or `cli`.
"""
