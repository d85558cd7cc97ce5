/**
 * Rewrites multi-word phrases into single tokens before tokenising, so the phrase rules can match one word
 * ("black and white" → "grayscale", "counter-clockwise" → "counterclockwise", "top-left" → "topleft").
 * Quoted text is masked as `quotedN` so that words inside quotes never act as instructions.
 */
export interface NormalizedInstruction {
  text: string;
  /** Original quoted strings; `quoted0` in `text` stands for `quotes[0]`. */
  quotes: string[];
}

const QUOTE = /"([^"]*)"|“([^”]*)”|‘([^’]*)’|(?<=^|[\s(:])'([^']+)'(?=$|[\s.,!?;:)])/g;

const REWRITES: ReadonlyArray<readonly [RegExp, string]> = [
  [/#([0-9a-f]{6}|[0-9a-f]{3})\b/g, " hex$1 "],
  [/[‐‑‒–—]/g, "-"],
  [/[’`]/g, "'"],
  [/\b(pls|plz|pleas|pleeease|pleeze)\b/g, "please"],
  [/\bgrey/g, "gray"],
  [/\bb\s*[&/]\s*w\b/g, " grayscale "],
  [/\bblack\s*(?:&|and|n|'n'|\/|-and-|-n-|-)\s*white\b/g, " grayscale "],
  [/\bgray[\s-]?scale[d]?\b/g, "grayscale"],
  [/\bmonochrom(?:e|atic)\b|\bmono\b|\bnoir\b|\bcolou?rless\b|\bde-?colou?ri[sz]e\b/g, "grayscale"],
  [
    /\b(?:remov(?:e|es|ed|ing)|drain(?:s|ed|ing)?|strip(?:s|ped|ping)?|tak(?:e|es|ing) out|tak(?:e|es|ing)|get(?:ting)? rid of|suck(?:s|ed|ing)?(?: out)?|pull(?:s|ed|ing)?|kill(?:s|ed|ing)?|los(?:e|es|ing)|eliminat(?:e|es|ed|ing))( out| away)?( all| every bit of)?( of)?( the| its)? colou?rs?(?: out)?\b/g,
    "grayscale",
  ],
  [
    /\b(?:fully|completely|totally|entirely) desaturat\w*|\bdesaturat\w* (?:it |the \w+ )?(?:fully|completely|totally|entirely)\b/g,
    "grayscale",
  ],
  [/\bwithout (?:any |all )?(?:the )?colou?rs?\b/g, "in grayscale"],
  [/\bsepia[\s-]?ton(?:e|ed|ing)\b|\bvintage brown\b/g, "sepia"],
  [/\b(?:reverse|swap) (?:the |all )?colou?rs\b|\binvert(?:ed)? (?:the |all )?colou?rs\b/g, "invert"],
  [/\bphoto(?:graphic)? negative\b/g, "negative"],
  [/\bcounter[\s-]?clock[\s-]?wise\b|\banti[\s-]?clock[\s-]?wise\b|\bccw\b/g, "counterclockwise"],
  [/\bclock[\s-]wise\b|\bcw\b/g, "clockwise"],
  [/\bupside[\s-]?down\b/g, "upsidedown"],
  [
    /\b(?:from )?left[\s-]?(?:to|2)[\s-]?right\b|\bright[\s-]?to[\s-]?left\b|\bleft[\s-]right\b|\bside[\s-]?to[\s-]?side\b|\bleft and right\b/g,
    "horizontally",
  ],
  [
    /\b(?:from )?top[\s-]?to[\s-]?bottom\b|\bbottom[\s-]?to[\s-]?top\b|\btop[\s-]bottom\b|\bup[\s-]down\b/g,
    "vertically",
  ],
  [/\bwashed[\s-]?out\b/g, "washedout"],
  [/\bblown[\s-]?out\b|\bover[\s-]exposed\b/g, "overexposed"],
  [/\bunder[\s-]exposed\b/g, "underexposed"],
  [/\bover[\s-]saturated\b/g, "oversaturated"],
  [/\bover[\s-]sharpened\b/g, "oversharpened"],
  [/\bout of focus\b/g, "unfocused"],
  [/\b(?:in|into) focus\b/g, "focused"],
  [/\bwhite[\s-]?balance\b/g, "whitebalance"],
  [/\bcolou?r temperature\b/g, "temperature"],
  [/\bcolou?r cast\b/g, "cast"],
  [/\bfilm[\s-]?grain\b/g, "grain"],
  [/\bde-?noise\b|\bnoise reduction\b/g, "denoise"],
  [/\b(?:de|un)-?pixel+(?:ate|ise|ize)\b/g, "depixelate"],
  [/\b(?:de|un)-?blur\b/g, "unblur"],
  [/\bpixel+(?:ated|ized|ised)\b|\bpixel+y\b|\b8[\s-]?bit\b|\bpixel[\s-]art\b/g, "pixelated"],
  [/\bpixel+(?:ate|ize|ise|ating|izing|ising|ation|ization|isation)\b/g, "pixelate"],
  [/\bblow (?:it |this |the \w+ )?up\b/g, "enlarge"],
  [/\bzoom(?:ed)?[\s-]in\b/g, "zoomin"],
  [/\bmirror[\s-]image\b/g, "mirror"],
  [/\bsoft[\s-]focus\b/g, "blurry"],
  [/\bsalt[\s-](?:and|&|n)[\s-]pepper\b/g, "speckle"],
  [/\bold[\s-](?:fashioned|timey|school|world)\b/g, "vintage"],
  [/\bpixel(?:ated)? (?:effect|look|style|filter)\b/g, "pixelated"],
  [
    /\b(exposure|brightness|contrast|saturation|warmth|temperature|vibrance|sharpness)\s*\+\s*\d+(?:\.\d+)?/g,
    "$1 up",
  ],
  [
    /\b(exposure|brightness|contrast|saturation|warmth|temperature|vibrance|sharpness)\s*-\s*\d+(?:\.\d+)?/g,
    "$1 down",
  ],
  [/\b(left|right|top|bottom)(?:most|[\s-]aligned)\b/g, "$1"],
  [
    /\breverse\b(?=.*\b(?:horizontally|vertically|horizontal|vertical|left|right|upsidedown|top|bottom)\b)/g,
    "flip",
  ],
  [/\b(?:big|bigger|large|larger|huge|chunky|visible|blocky) pixels\b/g, "pixelated"],
  [/\bx[\s-]axis\b|\bhorizontal axis\b/g, "xaxis"],
  [/\by[\s-]axis\b|\bvertical axis\b/g, "yaxis"],
  [/\b(?:top|upper)[\s-]?left\b|\bleft[\s-]top\b/g, "topleft"],
  [/\b(?:top|upper)[\s-]?right\b|\bright[\s-]top\b/g, "topright"],
  [/\b(?:bottom|lower)[\s-]?left\b|\bleft[\s-]bottom\b/g, "bottomleft"],
  [/\b(?:bottom|lower)[\s-]?right\b|\bright[\s-]bottom\b/g, "bottomright"],
  [/\bupper\b/g, "top"],
  [/\blower (?=half|third|quarter|part|portion|section|side|area|bit|two|strip|band|region)/g, "bottom "],
  [/\b(left|right)[\s-]hand(?: side)?\b/g, "$1 side"],
  [/\bcent(?:er|re)d\b/g, "centred"],
  [/\bcent(?:er|re)\b|\bmiddle\b|\bcentral\b/g, "centre"],
  [/\btwo[\s-]thirds?\b/g, "twothirds"],
  [/\bthree[\s-]quarters?\b/g, "threequarters"],
  [/\b1\s*:\s*1\b/g, "square"],
  [/(\d+(?:\.\d+)?)\s*(?:%|per ?cent\b)/g, "$1 percent"],
  // "16-pixel blue", and the glued "16-pixelblue"
  [/(\d+)\s*-?\s*(?:px|pixels?)(?!ate|at|is|iz)/g, "$1 px "],
  [/(\d+)\s*[x×*]\s*(\d+)/g, "$1 by $2"],
  [/\b(?:x\s*(\d)|(\d)\s*x)\b/g, "$1$2 times"],
  [/\s*[°º]|\bdeg\b|\bdegs\b/g, " degrees"],
  [/&|\s\+\s/g, " and "],
];

export function normalizeInstruction(instruction: string): NormalizedInstruction {
  const quotes: string[] = [];
  const masked = instruction.replace(QUOTE, (_m, a?: string, b?: string, c?: string, d?: string) => {
    quotes.push(a ?? b ?? c ?? d ?? "");
    return ` quoted${quotes.length - 1} `;
  });
  let text = masked.toLowerCase();
  for (const [pattern, replacement] of REWRITES) text = text.replace(pattern, replacement);
  return { text: text.replace(/\s+/g, " ").trim(), quotes };
}
