"""The pages of accounts, one module per family: auth (sign in, password), users
(the office's user management), units (the org tree /don-vi/), audit (the change log)."""
