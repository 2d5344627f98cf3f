// The recipe for kinds without their own (and for live kinds with no module, like campbell-dataquery): the
// first few scalar variables, grouped into panels by unit so each panel has one y axis, and the first
// profile variable as a curtain.
import type { CatalogVariable } from '../../db/queries/quicklook-series';
import type { QuicklookPanel, QuicklookRecipe } from '../instruments/types';

const MAX_SCALARS = 6;
const MAX_PANELS = 3;
// Bookkeeping columns loggers write, and positions, which are not worth a line over time.
const SKIP = /^(RECORD|record|rec_?num|.*_flag|quality_.*|BattV.*|PTemp.*|GPS_.*|lat(itude)?|lon(gitude)?)$/i;

export function genericRecipe(variables: CatalogVariable[]): QuicklookRecipe {
  const scalars = variables.filter((v) => v.shape === 'scalar' && !SKIP.test(v.name)).slice(0, MAX_SCALARS);
  const byUnit = new Map<string, CatalogVariable[]>();
  for (const v of scalars) {
    const key = v.unit ?? '';
    byUnit.set(key, [...(byUnit.get(key) ?? []), v]);
  }
  const panels: QuicklookPanel[] = [...byUnit.entries()].slice(0, MAX_PANELS).map(([unit, vars]) => ({
    type: 'timeseries', title: `${vars.map((v) => v.name).join(', ')}${unit ? ` (${unit})` : ''}`, variables: vars.map((v) => v.name), stream: undefined,
  }));
  const profile = variables.find((v) => v.shape === 'profile');
  if (profile) panels.push({ type: 'curtain', title: `${profile.name}${profile.unit ? ` (${profile.unit})` : ''}`, variable: profile.name, stream: profile.stream, scale: 'linear' });
  return panels.length > 0 ? { plots: [{ name: 'overview', title: 'Overview', panels }] } : { plots: [] };
}

/**
 * The kind's recipe reduced to what the database has (a logger program without a column, a firmware without
 * a variable); the generic recipe when nothing of it is left.
 */
export function effectiveRecipe(recipe: QuicklookRecipe | undefined, variables: CatalogVariable[]): QuicklookRecipe {
  const has = (name: string, stream?: string) => variables.some((v) => v.name === name && (!stream || v.stream === stream));
  const plots = (recipe?.plots ?? []).map((plot) => ({
    ...plot,
    panels: plot.panels.flatMap((panel): QuicklookPanel[] => {
      if (panel.type === 'curtain') return has(panel.variable, panel.stream) ? [panel] : [];
      const present = panel.variables.filter((name) => has(name, panel.stream));
      return present.length > 0 ? [{ ...panel, variables: present }] : [];
    }),
  })).filter((plot) => plot.panels.length > 0);
  return plots.length > 0 ? { plots } : genericRecipe(variables);
}
