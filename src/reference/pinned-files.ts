/**
 * The original projects' files EditJudge reads prompt text from, pinned by repository, commit, path and SHA-256.
 * The text itself is never part of EditJudge: it is read at run time from the user's copy (a clone passed with
 * `--reference-dir`, or `editjudge prompts fetch`, which downloads exactly these files and checks their hashes).
 */
export interface PinnedFile {
  /** Short id used in messages and `prompts fetch`, e.g. "editscore". */
  id: string;
  /** GitHub owner/name. */
  repo: string;
  commit: string;
  /** Path inside the repository. */
  path: string;
  /** SHA-256 of the file's bytes at that commit. */
  sha256: string;
}

export const PINNED_FILES = {
  viescore: {
    id: "viescore",
    repo: "TIGER-AI-Lab/VIEScore",
    commit: "2cbea4e8ce5721425a8772590ecdbe7d2edd1721",
    path: "viescore/vie_prompts.py",
    sha256: "010234af186eb0a70fcb99047cd32ad1da01bed59ca1a95a01335426417cf838",
  },
  editscore: {
    id: "editscore",
    repo: "VectorSpaceLab/EditScore",
    commit: "6e0f1b9a73b40f227d82d9cb32bd9cfb7189739b",
    path: "editscore/vie_prompts.py",
    sha256: "14dee0ac57433f096ee3c44aa84577576f546c41df56e19b8d85ac44c175aa29",
  },
  "edit-r1": {
    id: "edit-r1",
    repo: "PKU-YuanGroup/Edit-R1",
    commit: "4217f251a5abd3ca9ef2f9b4eee851a14f744f84",
    path: "reward_server/prompt_template.py",
    sha256: "e357a4a21e76cab46c0f087580d154fd0b37c1707b1baa3b93c13b468cc4ceee",
  },
  firm: {
    id: "firm",
    repo: "VisionXLab/FIRM-Reward",
    commit: "ba4149389e8902b91817fbccce90a4e3cf9f7605",
    path: "editing/reward_server/prompt_template.py",
    sha256: "cf383a14f08c335611f03996a7b89da42a8897ed9b59bcd89fc0c9c68e2f567b",
  },
  "genai-bench": {
    id: "genai-bench",
    repo: "TIGER-AI-Lab/GenAI-Bench",
    commit: "f0b0334d414074c6b1c97e2c60ad8d8a592bda9f",
    path: "genaibench/templates/image_edition/pairwise.txt",
    sha256: "2ed07537214b733b922acec1703ceeb64b45d7a0aa2b50194d7ce5416be38c71",
  },
} as const satisfies Record<string, PinnedFile>;

export type PinnedFileId = keyof typeof PINNED_FILES;

/** The repository's name without its owner: the folder a clone makes ("VectorSpaceLab/EditScore" → "EditScore"). */
export function repoName(pin: PinnedFile): string {
  return pin.repo.slice(pin.repo.indexOf("/") + 1);
}

/** "VectorSpaceLab/EditScore@6e0f1b9:editscore/vie_prompts.py", for messages. */
export function describePin(pin: PinnedFile): string {
  return `${pin.repo}@${pin.commit.slice(0, 7)}:${pin.path}`;
}
