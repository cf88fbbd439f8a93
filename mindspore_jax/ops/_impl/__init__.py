"""Op families: each module registers its ops once and declares its views."""
