"""The pages of dashboard, one module per family: home (the signed-in home page) and public
(the citizens' target page, its poster and QR code, without login)."""
