"""What the portal holds about one person: its export (`export`), its erasure on request
(`erasure`), the name as the record's text writes it (`mentions`), and the admin's pages for both
(`admin_pages`). docs/deploy.md, "Personal data: what is kept where", lists what is kept where."""
