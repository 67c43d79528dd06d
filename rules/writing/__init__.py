"""Writing French: formatting of numbers, amounts and dates; the result as plain text."""
