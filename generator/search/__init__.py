"""Search that understands Danish: `katalog search`, the site search's index, related cases.

`lexicon` knows words (compounds, synonyms); `engine` is the only module that knows whoosh;
`documents` turns records into what is searched and `corpus` makes them and their lexicon once;
`queries` reads what a user typed; `store` keeps the index between runs; `command` is `katalog
search`; `client` tunes the site search's index; `related` finds each case's related cases. Nothing is imported here, so the plugin can use
`client` and `related` without loading the command line's modules.
"""
