"""Release layouts, coursec diff and the learner impact (issue 15)."""
