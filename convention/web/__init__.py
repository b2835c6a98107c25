"""What every page shares: errors, headers, Markdown, template filters, languages."""
