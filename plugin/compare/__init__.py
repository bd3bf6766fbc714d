"""Compare: everything that looks at several articles at once (what each article of a story
reports that the others do not, names and figures across them, quotations several outlets share). Pure functions over rows; no database, no Datasette."""
