/**
 * Document order of marks' ranges, across shadow roots.
 *
 * `compareBoundaryPoints` throws a WrongDocumentError for two ranges whose
 * start containers have different roots
 * (https://dom.spec.whatwg.org/#dom-range-compareboundarypoints, step 2), as
 * a mark inside an open shadow root and one in the document have: the card
 * of a name mentioned in both failed to open (the list of its mentions is
 * sorted), on any page that sets its text in web components.
 *
 * Across roots, the order is the composed tree's: a shadow root's text
 * stands where its host does, before the host's own (light) children.
 */
export function composedOrder(a: AbstractRange, b: AbstractRange): number {
  if (a.startContainer.getRootNode() === b.startContainer.getRootNode())
    return pointOrder(a.startContainer, a.startOffset, b.startContainer, b.startOffset);
  const chainA = hostChain(a.startContainer);
  const chainB = hostChain(b.startContainer);
  // Both chains start in the document; below the first place they part, the
  // two nodes are in one tree (the document, or the shadow root of the host
  // both share).
  for (let i = 0; i < Math.min(chainA.length, chainB.length); i++) {
    const x = chainA[i]!;
    const y = chainB[i]!;
    if (x !== y) return nodeOrder(x, y);
  }
  return chainA.length - chainB.length;
}

/** The shadow hosts above `node`, outermost first, then `node`. */
function hostChain(node: Node): Node[] {
  const chain = [node];
  for (let root = node.getRootNode(); isShadowRoot(root); root = root.host.getRootNode())
    chain.unshift(root.host);
  return chain;
}

function isShadowRoot(node: Node): node is ShadowRoot {
  // By node type, not `instanceof`: Firefox's content scripts see page nodes through Xrays.
  return node.nodeType === Node.DOCUMENT_FRAGMENT_NODE && (node as ShadowRoot).host != null;
}

/**
 * Two marks' starts in one tree, in its order: what `compareBoundaryPoints`
 * does for live Ranges, which marks' StaticRanges lack. A mark starts in a
 * text node, which holds no other node: two such points are in the order
 * of their nodes, or of their offsets in one node.
 */
function pointOrder(x: Node, xOffset: number, y: Node, yOffset: number): number {
  return x === y ? xOffset - yOffset : nodeOrder(x, y);
}

/** Two nodes of one tree, in its order; a node before what it contains. */
function nodeOrder(x: Node, y: Node): number {
  const position = x.compareDocumentPosition(y);
  if (position & Node.DOCUMENT_POSITION_CONTAINED_BY) return -1;
  if (position & Node.DOCUMENT_POSITION_CONTAINS) return 1;
  return position & Node.DOCUMENT_POSITION_FOLLOWING ? -1 : 1;
}
