"""Store: the tables (``schema``) and writing analysed articles into them (``writer``). The one
place that knows tables and columns."""
