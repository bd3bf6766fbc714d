"""Web: the comparison pages. ``routes`` (URLs) -> ``views`` (short handlers) -> ``queries``
(SQL), ``pages`` (each page's data, pure), ``charts`` (chart geometry), ``markup`` (marked-up
text), ``render`` (JSON or template); ``access`` (permissions), ``links`` (URLs), ``state``
(caches per Datasette instance). Templates and static files live in the package's
``templates/`` and ``static/``, where Datasette looks for a plugin's."""
