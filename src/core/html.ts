/**
 * A saved news web page (HTML) turned into the plain text ingestion reads: Mozilla's Readability
 * (the engine of Firefox's Reader View) finds the article among the page's navigation, adverts
 * and link lists, on a linkedom document; its headline, sections and paragraphs become Markdown
 * lines. The page's own metadata gives the title, outlet, date and link when it has them.
 */
import { Readability } from '@mozilla/readability';
import { parseHTML } from 'linkedom';
import { isCalendarDate } from './schema.ts';

export interface PageArticle {
  /** Markdown: `# headline`, then paragraphs and `## section` lines, blank-line separated. */
  text: string;
  title: string;
  /** The site's name (og:site_name), or ''. */
  outlet: string;
  /** YYYY-MM-DD from the page's publication time, or ''. */
  published: string;
  /** The canonical link (or og:url) when it is http(s), or ''. */
  url: string;
}

const BLOCKS = 'h1, h2, h3, h4, h5, h6, p, li, blockquote, pre';

function clean(text: string | null | undefined): string {
  return (text ?? '').replace(/\s+/g, ' ').trim();
}

type Page = ReturnType<typeof parseHTML>['document'];

function meta(document: Page, selector: string, attribute = 'content'): string {
  return clean(document.querySelector(selector)?.getAttribute(attribute));
}

/**
 * The article of a web page, or null when Readability finds none (a page that is mostly links,
 * or not a page at all).
 */
export function articleFromHtml(html: string): PageArticle | null {
  const { document } = parseHTML(html);
  const outlet = meta(document, 'meta[property="og:site_name"]');
  const stamped = /^(\d{4}-\d{2}-\d{2})/.exec(meta(document, 'meta[property="article:published_time"]') || meta(document, 'meta[name="date"]') || clean(document.querySelector('time[datetime]')?.getAttribute('datetime')))?.[1] ?? '';
  // A page's stamp that is no calendar date ("2025-13-45") is left out rather than refused.
  const published = isCalendarDate(stamped) ? stamped : '';
  const link = meta(document, 'link[rel="canonical"]', 'href') || meta(document, 'meta[property="og:url"]');
  const url = /^https?:\/\/\S+$/i.test(link) ? link : '';
  // Readability changes the document it reads; the metadata above is taken first.
  // linkedom's document is the DOM Readability walks; its types are its own, not lib.dom's.
  const parsed = new Readability(document as unknown as ConstructorParameters<typeof Readability>[0]).parse();
  if (!parsed?.content) return null;
  const { document: body } = parseHTML(`<!doctype html><html><body>${parsed.content}</body></html>`);
  const lines: string[] = [];
  let headline = '';
  for (const element of body.querySelectorAll(BLOCKS)) {
    // A list item is read whole, so the blocks inside it are not read again; a quote made of
    // paragraphs is read paragraph by paragraph.
    if (element.parentElement?.closest('li')) continue;
    if (element.tagName === 'BLOCKQUOTE' && element.querySelector(BLOCKS)) continue;
    const text = clean(element.textContent);
    if (text === '') continue;
    if (/^H[1-6]$/.test(element.tagName)) {
      // The page's first heading, before any paragraph, is the headline.
      if (headline === '' && lines.length === 0) headline = text;
      else lines.push(`## ${text}`);
    } else {
      lines.push(text);
    }
  }
  if (lines.length === 0) return null;
  const title = headline || clean(parsed.title).replace(new RegExp(`\\s*[|–—-]\\s*${escapeRegExp(outlet)}$`), '') || clean(parsed.title);
  return { text: [`# ${title}`, ...lines].join('\n\n') + '\n', title, outlet, published, url };
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
