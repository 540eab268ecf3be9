"""Chapter 3 strings."""

EN = {
}
