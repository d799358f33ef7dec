"""The few exceptions that stop a whole build; the CLI turns them into a message and exit code 1.

Problems with single input files are not exceptions: they are `model.Problem` records.
"""


class SitegenError(Exception):
    """Base of every error the CLI reports without a traceback."""


class ConfigError(SitegenError):
    """`sitegen.toml` or a command-line value is wrong; the message names the key."""


class BuildError(SitegenError):
    """The site cannot be built or written (unwritable output, two pages with one address, ...)."""
