"""The yearly Confidence-Building Measures reports of the States Parties (MISSION row 18): Form 0 and forms A-G,
drafts, submitted versions that never change, public or restricted to States Parties."""
