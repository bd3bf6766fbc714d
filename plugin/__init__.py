"""datasette-media-bias: Datasette hooks (kept thin; the work lives in the other modules)."""
