"""What the public site's requests and pages share: the security headers, the client's address, the
list filters and their selects."""
