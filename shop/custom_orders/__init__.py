"""Made-to-measure and bulk requests (CustomOrder): measurements or a roster, quote, deposit, stages, messages."""
