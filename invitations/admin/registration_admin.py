"""A meeting's registrations: the answers, counted, exported, and made attendance (issue 21)."""
