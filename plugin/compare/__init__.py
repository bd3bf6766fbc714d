"""Compare: everything that looks at several articles at once (sentences only one outlet has,
quotations several outlets share). Pure functions over rows; no database, no Datasette."""
