"""Everything people read: the translation catalogs, ``t()`` and the plain-word results."""
