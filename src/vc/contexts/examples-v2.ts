// https://www.w3.org/ns/credentials/examples/v2
// Pinned copy of w3c/vc-data-model contexts/credentials/examples/v2 at 979c4af1cfe2224ed7b0ee5ec4d7a009a465812b (W3C Software and Document License); never fetched at run time.
export default {
  '@context': {
    '@vocab': 'https://www.w3.org/ns/credentials/examples#',
  },
};
