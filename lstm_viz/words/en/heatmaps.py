"""English. The gate heat maps page and its figures."""
