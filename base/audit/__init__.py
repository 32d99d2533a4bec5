"""Who changed what and why: the history in words, its admin pages, which save wrote a history row,
and "Recently deleted" with its restoring."""
