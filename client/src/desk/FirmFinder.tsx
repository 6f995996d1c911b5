import { areaHref, navigate } from '../routing';
import { FirmFinder } from '../ui/FirmFinder';

export const deskFirmHref = (firmId: string) => areaHref('desk', ['firm', firmId]);

/** The desk's firm finder (the kit's, with the search in the URL): each result opens the firm's journey. */
export function DeskFirmFinder({ query }: { query: string }) {
  return (
    <section className="card">
      <FirmFinder
        headingLevel={2}
        query={query}
        hrefFor={deskFirmHref}
        onSearch={(q) => navigate({ page: 'area', area: 'desk', parts: [], params: q ? { q } : {} })}
      />
    </section>
  );
}
