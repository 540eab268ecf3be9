"""Chapter 4 strings."""

EN = {
}
