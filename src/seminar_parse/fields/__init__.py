"""Field extractors. Each module reads a :class:`~seminar_parse.sections.Document` and returns its
values with the evidence spans they came from; :mod:`seminar_parse.pipeline` assembles the record."""
