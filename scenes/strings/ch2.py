"""Chapter 2 strings."""

EN = {
}
