"""The progress line only; every output format lives in newsdigest.render."""
