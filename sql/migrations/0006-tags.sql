-- 0006-tags: a placeholder on the search branch, which needs a 0006 to
-- reach 0007. The tags branch owns this number: at the merge its
-- migration replaces this file whole.
SELECT 1;
