"""Data shipped with newsdigest: the tree models (newsdigest.trees' format; see each file's "made")."""
