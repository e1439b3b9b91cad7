"""codev-notes core: the domain, its storage, templates, the pipeline and the `codev` command."""
