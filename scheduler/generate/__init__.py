"""Instance generators: the seed offices and synthetic benchmark families."""
