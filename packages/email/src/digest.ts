// Weekly digest rendering (owner: digest work). Exports renderDigestEmail and the digest model types.
export {};
