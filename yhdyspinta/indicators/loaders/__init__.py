"""Network loaders (the Sotkanet REST client); parsing lives in compute/, writes in actions.py."""
