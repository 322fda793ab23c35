"""Course tooling: build the release, grade submissions, report scores. One module per job."""
