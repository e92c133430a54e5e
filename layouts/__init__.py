"""Templates, the print stylesheet and the fonts, shipped inside the package."""
