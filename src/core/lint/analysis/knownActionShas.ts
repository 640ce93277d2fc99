/**
 * The commit of every release of the actions whose version decides a finding: the PyPA publish action (its twine,
 * trusted publishing, attestations) and the artifact actions (v1 to v3 retired on github.com; a download reads only
 * the artifacts of its own generation). A workflow pinned by a bare SHA (`@27b31702…`, no `# v1.4.2` comment) says
 * nothing about its version; this table does.
 *
 * How it was checked (KNOWN_SHAS_CHECKED below):
 * - Every release tag of the action's own repository, read from a snapshot of it with `git show-ref --tags -d`
 *   (an annotated tag counts by the commit it peels to, `^{}`). Moving major tags (`v4`) and duplicate spellings
 *   (`1.0.0`) name commits that an exact tag names too; a commit carried by two exact tags is given the newer one.
 *   Snapshots: pypa/gh-action-pypi-publish up to v1.8.14 (2024-03-08), actions/upload-artifact up to v7.0.0,
 *   actions/download-artifact up to v8.0.1.
 * - Releases newer than a snapshot are kept only where two public sources carry the same SHA for the same version
 *   (listed in CONFIRMATIONS); pypa/gh-action-pypi-publish v1.12.0 and v1.12.1 could not be confirmed and are left
 *   out (a SHA not in the table stays unknown, and no finding is made from it).
 * - For releases in the snapshots, CONFIRMATIONS lists a second public source where one was found (workflows
 *   pinning `@<sha> # vX.Y.Z`, Dependabot's `compare/<old>...<new>` links, which Dependabot resolves itself).
 *
 * To update: add the new tags from a fresh snapshot of the repository (or two public sources), move the date.
 */

export type KnownShaAction = 'pypa/gh-action-pypi-publish' | 'actions/upload-artifact' | 'actions/download-artifact';

/** When the table was last checked (ISO date). */
export const KNOWN_SHAS_CHECKED = '2026-12-02';

/** Full commit SHA (lower-case) → the release tag it is, per action. */
export const KNOWN_ACTION_SHAS: Readonly<Record<KnownShaAction, Readonly<Record<string, string>>>> = {
  'pypa/gh-action-pypi-publish': {
    '9cebe9a0ed95397bd2d0e617cd79e8ab1961d7c5': 'v1.0.0a0',
    '37e305e7413032d8422456179fee28fac7d25187': 'v1.1.0',
    '65c102608decbf3e63dae02df16ea3d252e16f13': 'v1.2.0',
    'bf7a320fbac4f92b50d16d1275f18be0a5cf4e87': 'v1.2.1',
    '6a02ab807dd289aa281becac7152f29621389dd1': 'v1.2.2',
    '00ef3b81828a3fa69f3434842ce50ec3981351b0': 'v1.3.0',
    'bce3b74dbf8cc32833ffba9d15f83425c1a736e0': 'v1.3.1',
    '1f0bcf278d9af0c29fb7bf10635c22f1a8201c54': 'v1.4.0',
    '54b39fb9371c0b3a6f9f14bb8a67394defc7a806': 'v1.4.1',
    '27b31702a0e7fc50959f5ad993c78deac1bdfc29': 'v1.4.2',
    '717ba43cfbb0387f6ce311b169a825772f54d295': 'v1.5.0',
    '37f50c210e3d2f9450da2cd423303d6a14a6e29f': 'v1.5.1',
    'd7edd4c95736a5bc1260d38b5523f5d24338bc25': 'v1.5.2',
    'd2a2496a01f8b4b773ccd9cae8f2151589de5b62': 'v1.6.0',
    '5d1679fa6b895587c6eb10c3fe82205b440a580e': 'v1.6.1',
    'ce291dce5b39b74daf2a1a0dcb652314e3263edb': 'v1.6.2',
    'e71a4a4c1d3837e77d0353f9229be9217526a2c4': 'v1.6.3',
    'c7f29f7adef1a245bd91520e94867e5c6eedddcc': 'v1.6.4',
    '32b5e9370928566935e085a9154f23bd662ef41c': 'v1.6.5',
    '7104b6e981edc64651f8fc454998a67914173bdb': 'v1.7.0',
    '22b4d1f12511f2696162c08546dafbaa903448a2': 'v1.7.1',
    '8ef2b3d46c9ecba901fb2ae21d98e322c4089c4e': 'v1.8.0',
    'a3a3bafbb3e5a75a854ae1bc53ae128cf22c4af4': 'v1.8.1',
    'f3ce18f69986f83a044b6e618425238f6c1bb8ef': 'v1.8.2',
    '48b317d84d5f59668bb13be49d1697e36b3ad009': 'v1.8.3',
    '29930c9cf57955dc1b98162d0d8bc3ec80d9e75c': 'v1.8.4',
    '0bf742be3ebe032c25dd15117957dc15d0cfc38d': 'v1.8.5',
    'a56da0b891b3dc519c7ee3284aff1fad93cc8598': 'v1.8.6',
    'f5622bde02b04381239da3573277701ceca8f6a0': 'v1.8.7',
    'f8c70e705ffc13c3b4d1221169b84f12a75d6ca8': 'v1.8.8',
    'ade57f54dcc56d4858ca681c80269c26dc7b9149': 'v1.8.9',
    'b7f401de30cb6434a1e19f805ff006643653240e': 'v1.8.10',
    '2f6f737ca5f74c637829c0f5c3acd0e29ea5e8bf': 'v1.8.11',
    'e53eb8b103ffcb59469888563dc324e3c8ba6f06': 'v1.8.12',
    '741947b9cadc96c98b60dd2f32f89a5ef7fb113c': 'v1.8.13',
    '81e9d935c883d0b210363ab89cf05f3894778450': 'v1.8.14',
    'ec4db0b4ddc65acdf4bff5fa45ac92d78b56bdf0': 'v1.9.0',
    '8a08d616893759ef8e1aa1f2785787c0b97e20d6': 'v1.10.0',
    '0ab0b79471669eb3a4d647e625009c62f9f3b241': 'v1.10.1',
    '897895f1e160c830e369f9779632ebc134688e1b': 'v1.10.2',
    'f7600683efdcb7656dec5b29656edb7bc586e597': 'v1.10.3',
    'fb13cb306901256ace3dab689990e13a5550ffaa': 'v1.11.0',
    '15c56dba361d8335944d31a2ecd17d700fc7bcbc': 'v1.12.2',
    '67339c736fd9354cd4f8cb0b744f2b82a74b5c70': 'v1.12.3',
    '76f52bc884231f62b9a034ebfe128415bbaabdfc': 'v1.12.4',
    'ed0c53931b1dc9bd32cbe73a98c7f6766f8a527e': 'v1.13.0',
    'cef221092ed1bacb1cc03d23a2d87d1d172e277b': 'v1.14.0',
    'ba38be9e461d3875417946c167d0b5f3d385a247': 'v1.14.1',
    'dc37677b2e1c63e2034f94d8a5b11f265b73ba33': 'v1.14.2',
  },
  'actions/upload-artifact': {
    '3446296876d12d4e3a0f3145a3c87e67bf0a16b5': 'v1.0.0',
    '97b7dace6c8d860ce9708aba808be6a2ee4cbc3a': 'v2.0.1',
    'ebad382c0953e8c6b4039e8d30dfd19ee7b2a862': 'v2.1.0',
    '5f948bc1f0a251f88bb4c9b1c3dfa6cbd1327dc5': 'v2.1.1',
    'c8879bf5aef7bef66f9b82b197f34c4eeeb1731b': 'v2.1.2',
    '268d7547644ab8a9d0c1163299e59a1f5d93f39b': 'v2.1.3',
    '58740802ef971a2d71eff71e63d48ab68d1f5507': 'v2.1.4',
    '27bce4eee761b5bc643f46a8dfb41b430c8d05f6': 'v2.2.0',
    '726a6dcd0199f578459862705eed35cda05af50b': 'v2.2.1',
    'e448a9b857ee2131e752b06002bf0e093c65e571': 'v2.2.2',
    'ee69f02b3dfdecd58bb31b4d133da38ba6fe3700': 'v2.2.3',
    '27121b0bdffd731efa15d66772be8dc71245d074': 'v2.2.4',
    'da838ae9595ac94171fa2d4de5a2f117b3e7ac32': 'v2.3.0',
    '82c141cc518b40d92cc801eee768e7aafc9c2fa2': 'v2.3.1',
    '6673cd052c4cd6fcf4b4e6e60ea986c889389535': 'v3.0.0',
    '3cea5372237819ed00197afe530f5a7ea3e805c8': 'v3.1.0',
    '83fd05a356d7e2593de66fc9913b3002723633cb': 'v3.1.1',
    '0b7f8abb1508181956e8e162db84b466c27e18ce': 'v3.1.2',
    'a8a3f3ad30e3422c9c7b888a15615d19a852ae32': 'v3.1.3',
    '9ee08a3b00e91a926cc9547dc79589c20872452f': 'v3.2.0',
    '672174a5bad8453f715436e010047cb8fa7680be': 'v3.2.0-node20',
    'ff15f0306b3f739f7b6fd43fb5d26cd321bd4de5': 'v3.2.1',
    'c24449f33cd45d4826c6702db7e49f7cdb9b551d': 'v3.2.1-node20',
    'c7d193f32edcb7bfad88892161225aeda64e9392': 'v4.0.0',
    '1eb3cb2b3e0f29609092a73eb033bb759a334595': 'v4.1.0',
    '694cdabd8bdb0f10b2cea11669e1bf5453eed0a6': 'v4.2.0',
    '26f96dfa697d77e81fd5907df203aa23a56210a8': 'v4.3.0',
    '5d5d22a31266ced268874388b861e4b58bb5c2f3': 'v4.3.1',
    '1746f4ab65b179e0ea60a494b83293b640dd5bba': 'v4.3.2',
    '65462800fd760344b1a7b4382951275a0abb4808': 'v4.3.3',
    '0b2256b8c012f0828dc542b3febcab082c67f72b': 'v4.3.4',
    '89ef406dd8d7e03cfd12d9e0a4a378f454709029': 'v4.3.5',
    '834a144ee995460fba8ed112a2fc961b36a5ec5a': 'v4.3.6',
    '50769540e7f4bd5e21e526ee35c689e35e0d6874': 'v4.4.0',
    '604373da6381bf24206979c74d06a550515601b9': 'v4.4.1',
    '84480863f228bb9747b473957fcc9e309aa96097': 'v4.4.2',
    'b4b15b8c7c6ac21ea08fcf65892d2ee8f75cf882': 'v4.4.3',
    '6f51ac03b9356f520e9adb1b1b7802705f340c2b': 'v4.5.0',
    '65c4c4a1ddee5b72f698fdd19549f0f0fb45cf08': 'v4.6.0',
    '4cec3d8aa04e39d1a68397de0c4cd6fb9dce8ec1': 'v4.6.1',
    'ea165f8d65b6e75b540449e92b4886f43607fa02': 'v4.6.2',
    '330a01c490aca151604b8cf639adc76d48f6c5d4': 'v5.0.0',
    'b7c566a772e6b6bfb58ed0dc250532a479d7789f': 'v6.0.0',
    'bbbca2ddaa5d8feaa63e36b76fdaad77386f024f': 'v7.0.0',
    '043fb46d1a93c77aae656e7c1c64a875d1fc6a0a': 'v7.0.1',
  },
  'actions/download-artifact': {
    '18f0f591fbc635562c815484d73b6e8e3980482e': 'v1.0.0',
    '1de1dea89c32dcb1f37183c96fe85cfe067b682a': 'v2.0',
    '1ac47ba4b6af92e65d0438b64ce1ea49ce1cc48d': 'v2.0.1',
    '381af06b4268a1e0ad7b7c7e5a09f1894977120f': 'v2.0.2',
    '80d2d4023c185001eacb50e37afd7dd667ba8044': 'v2.0.3',
    'b3cedea9bed36890c824f4065163b667eeca272b': 'v2.0.4',
    'c3f5d00c8784369c43779f3d2611769594a61f7a': 'v2.0.5',
    'f8e41fbffeebb48c0273438d220bb2387727471f': 'v2.0.6',
    'f144d3c3916a86f4d6b11ff379d17a49d8f85dbc': 'v2.0.7',
    '4a7a711286f30c025902c28b541c10e147a9b843': 'v2.0.8',
    '158ca71f7c614ae705e79f25522ef4658df18253': 'v2.0.9',
    '3be87be14a055c47b01d3bd88f8fe02320a9bb60': 'v2.0.10',
    'f023be2c48cc18debc3bacd34cb396e0295e2869': 'v2.1.0',
    'cbed621e49e4c01b044d60f6c80ea4ed6328b281': 'v2.1.1',
    'fb598a63ae348fa914e94cd0ff38f362e927b741': 'v3.0.0',
    '9782bd6a9848b53b110e712e20e42d89988822b7': 'v3.0.1',
    '9bc31d5ccc31df68ecc42ccf4149144866c47d8a': 'v3.0.2',
    'a9bc5e6ef2cb54c177f32aa5726adaa15e7e2d59': 'v3.1.0',
    'ad191675b41f6a5b46da9a048cb6893812da158b': 'v3.1.0-node20',
    '7a1cd3216ca9260cd8022db641d960b1db4d1be4': 'v4.0.0',
    'f44cd7b40bfd40b6aa1cc1b9b5b7bf03d3c67110': 'v4.1.0',
    '6b208ae046db98c579e8a3aa621ab581ff575935': 'v4.1.1',
    'eaceaf801fd36c7dee90939fad912460b18a1ffe': 'v4.1.2',
    '87c55149d96e628cc2ef7e6fc2aab372015aec85': 'v4.1.3',
    'c850b930e6ba138125429b7e5c93fc707a7f8427': 'v4.1.4',
    '8caf195ad4b1dee92908e23f56eeb0696f1dd42d': 'v4.1.5',
    '9c19ed7fe5d278cd354c7dfd5d3b88589c7e2395': 'v4.1.6',
    '65a9edc5881444af0b9093a5e628f2fe47ea3b2e': 'v4.1.7',
    'fa0a91b85d4f404e444e00e005971372dc801d16': 'v4.1.8',
    'cc203385981b70ca67e1cc392babf9cc229d5806': 'v4.1.9',
    'b14cf4c92620c250e1c074ab0a5800e37df86765': 'v4.2.0',
    '95815c38cf2ff2164869cbab79da8d1f422bc89e': 'v4.2.1',
    'd3f86a106a0bac45b974a628896c90dbdf5c8093': 'v4.3.0',
    '634f93cb2916e3fdff6788551b99b062d0335ce0': 'v5.0.0',
    '018cc2cf5baa6db3ef3c5f8a56943fffe632ef53': 'v6.0.0',
    '37930b1c2abaa49bbe596cd826c3c89aef350131': 'v7.0.0',
    '70fc10c6e5e1ce46ad2ea6f2b72d43f7d47b13c3': 'v8.0.0',
    '3e5f45b2cfb9172054b4087a40e8e0b5a5461e7c': 'v8.0.1',
  },
};

/** Where the same SHA and version were seen besides the action's own tags (and all sources of newer releases). */
export const CONFIRMATIONS: Readonly<Record<KnownShaAction, Readonly<Record<string, readonly string[]>>>> = {
  'pypa/gh-action-pypi-publish': {
    'v1.2.2': ['https://github.com/cjolowicz/cookiecutter-hypermodern-python/pull/382 (dependabot: compare/v1.1.0...6a02ab807dd289aa281becac7152f29621389dd1)'],
    'v1.4.2': [
      'https://github.com/cjolowicz/cookiecutter-hypermodern-python/pull/777 (dependabot v1.4.1 -> v1.4.2, release commit 27b3170)',
      'https://github.com/livekit/agents/pull/1439 (27b31702a0e7fc50959f5ad993c78deac1bdfc29 is releases/tag/v1.4.2)',
    ],
    'v1.8.10': ['https://github.com/uncscode/particula/pull/416 (dependabot 1.8.10 -> 1.8.11: compare/b7f401de30cb6434a1e19f805ff006643653240e...2f6f737ca5f74c637829c0f5c3acd0e29ea5e8bf)'],
    'v1.8.11': ['https://github.com/uncscode/particula/pull/416 (same compare)'],
    'v1.8.14': ['public dependabot text in the code index: 1.8.14 -> 1.9.0, compare/81e9d935c883d0b210363ab89cf05f3894778450...ec4db0b4ddc65acdf4bff5fa45ac92d78b56bdf0'],
    'v1.9.0': [
      'public dependabot text in the code index: 1.8.14 -> 1.9.0, compare/81e9d935c883d0b210363ab89cf05f3894778450...ec4db0b4ddc65acdf4bff5fa45ac92d78b56bdf0',
      'public workflows in the code index pinning pypa/gh-action-pypi-publish@ec4db0b4ddc65acdf4bff5fa45ac92d78b56bdf0 # v1.9.0',
      'commit ec4db0b (2024-06-16, "Merge PR #243 into unstable/v1") in a snapshot of webknjaz/pypa--gh-action-pypi-publish',
    ],
    'v1.10.0': [
      'sandialabs/reverse_argparse CHANGELOG.md (dependabot 1.9.0 -> 1.10.0: compare/ec4db0b4ddc65acdf4bff5fa45ac92d78b56bdf0...8a08d616893759ef8e1aa1f2785787c0b97e20d6)',
      'a second public CHANGELOG in the code index with the same dependabot entries (1.9.0 -> 1.10.0 -> 1.10.1)',
    ],
    'v1.10.1': [
      'sandialabs/reverse_argparse CHANGELOG.md (dependabot 1.10.0 -> 1.10.1: compare/8a08d61...0ab0b79471669eb3a4d647e625009c62f9f3b241)',
      'public workflows pinning pypa/gh-action-pypi-publish@0ab0b79471669eb3a4d647e625009c62f9f3b241 # v1.10.1 (this repository\'s reviewed corpus)',
    ],
    'v1.10.2': [
      'sandialabs/reverse_argparse CHANGELOG.md (dependabot 1.10.2 -> 1.10.3: compare/897895f1e160c830e369f9779632ebc134688e1b...f7600683efdcb7656dec5b29656edb7bc586e597)',
      'a second public CHANGELOG in the code index (1.10.1 -> 1.10.2: compare/0ab0b79...897895f1e160c830e369f9779632ebc134688e1b)',
    ],
    'v1.10.3': [
      'sandialabs/reverse_argparse CHANGELOG.md (dependabot 1.10.2 -> 1.10.3 and 1.10.3 -> 1.11.0)',
      'a public test in the code index asserting that "the v1.10.3 pin" f7600683efdcb7656dec5b29656edb7bc586e597 is gone',
    ],
    'v1.11.0': [
      'sandialabs/reverse_argparse CHANGELOG.md (dependabot 1.10.3 -> 1.11.0: compare/f760068...fb13cb306901256ace3dab689990e13a5550ffaa)',
      'a second public CHANGELOG in the code index with the same compare',
    ],
    'v1.12.2': [
      'sandialabs/reverse_argparse CHANGELOG.md (dependabot 1.11.0 -> 1.12.2: compare/fb13cb3...15c56dba361d8335944d31a2ecd17d700fc7bcbc)',
      'a second public CHANGELOG in the code index with the same compare',
    ],
    'v1.12.3': [
      'public workflows pinning pypa/gh-action-pypi-publish@67339c736fd9354cd4f8cb0b744f2b82a74b5c70 # v1.12.3 (code index and this repository\'s reviewed corpus)',
      'public dependabot text in the code index: compare/15c56dba361d8335944d31a2ecd17d700fc7bcbc...67339c736fd9354cd4f8cb0b744f2b82a74b5c70',
    ],
    'v1.12.4': [
      'https://github.com/livekit/agents/pull/1439 (27b3170 -> 76f52bc884231f62b9a034ebfe128415bbaabdfc, "the latest" releases/tag/v1.12.4)',
      'nine public files in the code index with pypa/gh-action-pypi-publish@76f52bc884231f62b9a034ebfe128415bbaabdfc # v1.12.4',
    ],
    'v1.13.0': [
      'public workflows in the code index and in this repository\'s reviewed corpus pinning @ed0c53931b1dc9bd32cbe73a98c7f6766f8a527e # v1.13.0',
      'public dependabot text in the code index: 1.13.0 -> 1.14.0, compare/ed0c53931b1dc9bd32cbe73a98c7f6766f8a527e...cef221092ed1bacb1cc03d23a2d87d1d172e277b',
    ],
    'v1.14.0': [
      'public dependabot text in the code index: 1.13.0 -> 1.14.0, compare/ed0c539...cef221092ed1bacb1cc03d23a2d87d1d172e277b',
      'public workflows in the code index pinning @cef221092ed1bacb1cc03d23a2d87d1d172e277b # v1.14.0',
    ],
    'v1.14.1': [
      'https://github.com/SAT-CFDI/python-satcfdi/pull/83.patch (dependabot 1.14.1 -> 1.14.2: compare/ba38be9e461d3875417946c167d0b5f3d385a247...dc37677b2e1c63e2034f94d8a5b11f265b73ba33)',
      'public workflows in the code index pinning @ba38be9e461d3875417946c167d0b5f3d385a247 # v1.14.1',
    ],
    'v1.14.2': ['the sources of ACTION_PINS (src/core/publish/actionPins.ts)'],
  },
  'actions/upload-artifact': {
    'v1.0.0': ['an Actions-compatible runner\'s documentation in the code index listing upload-artifact releases and commits'],
    'v2.3.1': [
      'public workflows in the code index pinning actions/upload-artifact@82c141cc518b40d92cc801eee768e7aafc9c2fa2 # v2.3.1',
      'GitHub Actions run logs in the code index: "actions/upload-artifact@v2 (SHA:82c141cc518b40d92cc801eee768e7aafc9c2fa2)"',
    ],
    'v3.1.2': ['public workflows in the code index pinning actions/upload-artifact@0b7f8abb1508181956e8e162db84b466c27e18ce # v3.1.2'],
    'v3.1.3': ['public workflows in the code index pinning actions/upload-artifact@a8a3f3ad30e3422c9c7b888a15615d19a852ae32 # v3.1.3'],
    'v3.2.1': ['an Actions-compatible runner\'s documentation in the code index (v3.2.1 ff15f0306b3f739f7b6fd43fb5d26cd321bd4de5)'],
    'v4.4.0': ['sandialabs/reverse_argparse CHANGELOG.md (dependabot 4.4.0 -> 4.4.1: compare/50769540e7f4bd5e21e526ee35c689e35e0d6874...604373da6381bf24206979c74d06a550515601b9)'],
    'v4.4.1': ['sandialabs/reverse_argparse CHANGELOG.md (dependabot 4.4.1 -> 4.4.2)'],
    'v4.4.2': ['sandialabs/reverse_argparse CHANGELOG.md (dependabot 4.4.2 -> 4.4.3: compare/84480863f228bb9747b473957fcc9e309aa96097...b4b15b8c7c6ac21ea08fcf65892d2ee8f75cf882)'],
    'v4.4.3': ['sandialabs/reverse_argparse CHANGELOG.md (same compare)'],
    'v4.5.0': ['public workflows in this repository\'s reviewed corpus pinning @6f51ac03b9356f520e9adb1b1b7802705f340c2b # v4.5.0'],
    'v4.6.2': ['an Actions-compatible runner\'s documentation in the code index (v4.6.2 ea165f8d65b6e75b540449e92b4886f43607fa02)'],
    'v5.0.0': ['the same documentation, and workflows in this repository\'s reviewed corpus pinning @330a01c490aca151604b8cf639adc76d48f6c5d4 # v5.0.0'],
    'v6.0.0': ['an Actions-compatible runner\'s documentation in the code index (v6.0.0 b7c566a772e6b6bfb58ed0dc250532a479d7789f)'],
    'v7.0.1': ['the sources of ACTION_PINS (src/core/publish/actionPins.ts)'],
  },
  'actions/download-artifact': {
    'v3.0.2': ['public workflows and pin lists in the code index: actions/download-artifact@9bc31d5ccc31df68ecc42ccf4149144866c47d8a # v3.0.2'],
    'v4.1.8': ['public workflows in this repository\'s reviewed corpus pinning @fa0a91b85d4f404e444e00e005971372dc801d16 # v4.1.8'],
    'v4.3.0': ['an Actions-compatible runner\'s documentation in the code index (v4.3.0 d3f86a106a0bac45b974a628896c90dbdf5c8093)'],
    'v5.0.0': ['the same documentation, and workflows in this repository\'s reviewed corpus pinning @634f93cb2916e3fdff6788551b99b062d0335ce0 # v5.0.0'],
    'v6.0.0': ['an Actions-compatible runner\'s documentation in the code index (v6.0.0 018cc2cf5baa6db3ef3c5f8a56943fffe632ef53)'],
    'v7.0.0': ['the same documentation (v7.0.0 37930b1c2abaa49bbe596cd826c3c89aef350131)'],
    'v8.0.0': ['the same documentation (v8.0.0 70fc10c6e5e1ce46ad2ea6f2b72d43f7d47b13c3)'],
    'v8.0.1': ['the sources of ACTION_PINS (src/core/publish/actionPins.ts)'],
  },
};

/** The release a full commit SHA of one of these actions is, if the table knows it. */
export function knownRelease(action: string, sha: string): string | undefined {
  const releases = (KNOWN_ACTION_SHAS as Record<string, Record<string, string> | undefined>)[action.toLowerCase()];
  return releases?.[sha.toLowerCase()];
}
