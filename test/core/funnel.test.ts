/**
 * Funnel limits (src/core/funnel) against reference values.
 *
 * Provenance: every expected number below was computed in R 4.2.2 (Debian r-base-core) by
 * test/fixtures/funnel-reference.R, which writes Spiegelhalter's formulas with base R only:
 * exact limits as (r − α)/n with r = qbinom(p, n, θ) (or qpois(p, θE)) and
 * α = (F(r) − p)/(F(r) − F(r − 1)) by pbinom/ppois (Spiegelhalter 2005, Stat Med 24:1185-1202,
 * Appendix A.1.1), clipped at 0; the overdispersion estimate with quantile(type = 7) for the 10%/90%
 * winsorising, φ = mean of winsorised z², τ² = (Iφ − (I − 1))/(Σw − Σw²/Σw) (Spiegelhalter 2005,
 * Qual Saf Health Care 14:347-351). R's distribution functions are the independent implementation;
 * the formulas are the papers'. Compared within 1e-9 relative.
 */
import { CoreError, exactBinomialLimit, exactPoissonLimit, FUNNEL_LEVELS, funnelMeasureOf, funnelPlot, nearlyEqual, normalLimit, overdispersion } from "../../src/core/index";

const P = [0.001, 0.025, 0.975, 0.999] as const;
const close = (actual: number, expected: number): void => {
  if (!(expected === 0 ? Math.abs(actual) < 1e-15 : Math.abs(actual - expected) <= 1e-9 * Math.abs(expected))) {
    throw new Error(`expected ${expected}, got ${actual}`);
  }
};

// R: sapply(c(0.001, 0.025, 0.975, 0.999), lb, n = n, th = 0.72)
const BINOMIAL_072: Record<number, readonly [number, number, number, number]> = {
  5: [0, 0.202023472087248, 0.974159106737625, 0.998966364269505],
  20: [0.358964473358196, 0.486662171185087, 0.884238637208192, 0.964328606470158],
  57: [0.51721023461567, 0.590590604601048, 0.823717754293662, 0.882539195513065],
  150: [0.59976382818154, 0.643281738670078, 0.787031745132597, 0.82541771822431],
  1000: [0.675029943559269, 0.691454584684609, 0.747118564548772, 0.762733532409052],
};
// R: sapply(c(0.001, 0.025, 0.975, 0.999), lp, E = E, th = 0.0042)
const POISSON_00042: Record<number, readonly [number, number, number, number]> = {
  150: [0, 0, 0.0136885169240558, 0.0256964210703792],
  800: [0, 0, 0.00862665469207699, 0.0123128151101959],
  2500: [0.00058006713958637, 0.00165335404356823, 0.00672925972483471, 0.0085597883539354],
  12000: [0.00245030757665718, 0.00303718258324185, 0.0053577366160095, 0.00610274079783336],
};

describe("exactBinomialLimit", () => {
  it.each(Object.entries(BINOMIAL_072))("exactBinomialLimit(p, %s, 0.72) matches R's qbinom/pbinom with Spiegelhalter's interpolation", (n, expected) => {
    P.forEach((p, i) => close(exactBinomialLimit(p, Number(n), 0.72), expected[i] as number));
  });
  it("exactBinomialLimit(p, n, θ) at large n stays close to the normal approximation", () => {
    const exact = exactBinomialLimit(0.999, 100000, 0.4);
    // R: lb(0.001, 100000, 0.4) = 0.3952105130813227
    close(exactBinomialLimit(0.001, 100000, 0.4), 0.3952105130813227);
    expect(Math.abs(exact - normalLimit(FUNNEL_LEVELS[1].z, "proportion", 100000, 0.4))).toBeLessThan(1e-4);
  });
  it("exactBinomialLimit(p, n, θ) refuses a fractional n, θ outside [0, 1] and p outside (0, 1)", () => {
    expect(() => exactBinomialLimit(0.975, 12.5, 0.3)).toThrow(/exactBinomialLimit: invalid denominator 12.5/);
    expect(() => exactBinomialLimit(0.975, 12, 1.3)).toThrow(/exactBinomialLimit: invalid target 1.3/);
    expect(() => exactBinomialLimit(1, 12, 0.3)).toThrow(CoreError);
  });
});

describe("exactPoissonLimit", () => {
  it.each(Object.entries(POISSON_00042))("exactPoissonLimit(p, %s, 0.0042) matches R's qpois/ppois with Spiegelhalter's interpolation", (e, expected) => {
    P.forEach((p, i) => close(exactPoissonLimit(p, Number(e), 0.0042), expected[i] as number));
  });
  it("exactPoissonLimit(p, E, θ) takes a fractional exposure (R: lp(0.999, 1234.5, 0.02) = 0.0331378634689676)", () => {
    close(exactPoissonLimit(0.999, 1234.5, 0.02), 0.0331378634689676);
  });
  it("exactPoissonLimit(p, E, θ) refuses an exposure <= 0 and a negative θ", () => {
    expect(() => exactPoissonLimit(0.975, 0, 0.1)).toThrow(/exactPoissonLimit: invalid exposure 0/);
    expect(() => exactPoissonLimit(0.975, 10, -1)).toThrow(/exactPoissonLimit: invalid target -1/);
  });
});

describe("normalLimit and FUNNEL_LEVELS", () => {
  it("FUNNEL_LEVELS are Spiegelhalter's 95% and 99.8% (R: qnorm(0.975), qnorm(0.999))", () => {
    expect(FUNNEL_LEVELS.map((l) => [l.coverage, l.tail])).toEqual([[95, 0.025], [99.8, 0.001]]);
    close(FUNNEL_LEVELS[0].z, 1.959963984540054);
    close(FUNNEL_LEVELS[1].z, 3.090232306167813);
  });
  it("normalLimit(z, measure, n, θ, τ²) is θ + z·sqrt(s² + τ²), clipped to what the measure can take", () => {
    close(normalLimit(1.959963984540054, "proportion", 100, 0.5), 0.5 + 1.959963984540054 * 0.05);
    close(normalLimit(-1.959963984540054, "rate", 400, 0.25), 0.25 - 1.959963984540054 * 0.025);
    expect(normalLimit(3.090232306167813, "proportion", 60, 0.707558859975217, 0.0202887767540954)).toBe(1);
    expect(normalLimit(-3.090232306167813, "rate", 10, 0.1)).toBe(0);
    expect(() => normalLimit(1.96, "proportion", 10, 0.5, -1)).toThrow(/normalLimit: invalid tau2 -1/);
  });
});

describe("overdispersion", () => {
  // 12 teams of a percent measure (made-up counts; the R script holds them too)
  const num = [45, 38, 60, 12, 80, 33, 51, 27, 70, 19, 95, 41];
  const den = [60, 70, 75, 40, 90, 50, 85, 30, 100, 45, 110, 52];
  const teams = num.map((numerator, i) => ({ numerator, denominator: den[i] as number }));
  it("overdispersion(teams, 'proportion', θ) matches R: z-scores, 10%/90% winsorising (type 7), φ and τ²", () => {
    const theta = 0.707558859975217; // R: sum(num) / sum(den)
    const od = overdispersion(teams, "proportion", theta);
    const zR = [0.72270680726743, -3.02933028134917, 1.75993003714373, -5.66656420022378, 3.78172952857744, -0.739291847319497, -2.17999316738856, 2.31717069549439, -0.166171208908017, -4.20787931508444, 3.59862118186737, 1.2825197189719];
    od.zScores.forEach((z, i) => close(z as number, zR[i] as number));
    close(od.winsorisedBelow, -4.09002441171092);
    close(od.winsorisedAbove, 3.47047613323007);
    close(od.phi, 6.89018181295713);
    expect(od.teamCount).toBe(12);
    close(od.dispersion, 12 * 6.89018181295713);
    expect(od.dispersionExpected).toBe(11);
    close(od.tau2, 0.0202887767540954);
  });
  it("overdispersion(teams, 'rate', θ) matches R for event counts over line-days", () => {
    const ev = [3, 9, 1, 14, 6, 0, 11, 5];
    const ex = [1200, 2100, 600, 1900, 2500, 400, 1500, 2200];
    const od = overdispersion(ev.map((numerator, i) => ({ numerator, denominator: ex[i] as number })), "rate", 0.00395161290322581);
    close(od.phi, 1.90044556860292);
    close(od.tau2, 3.08168248154203e-6);
  });
  it("overdispersion(teams, m, θ) gives τ² = 0 when I·φ <= I − 1 and leaves out a denominator of 0", () => {
    const od = overdispersion([{ numerator: 5, denominator: 10 }, { numerator: 6, denominator: 10 }, { numerator: 0, denominator: 0 }], "proportion", 0.55);
    expect(od.teamCount).toBe(2);
    expect(od.zScores[2]).toBeNull();
    expect(od.tau2).toBe(0);
  });
  it("overdispersion(teams, m, θ) names the team with a negative count", () => {
    expect(() => overdispersion([{ numerator: -1, denominator: 10 }], "rate", 0.1)).toThrow(/overdispersion: team 0 has numerator -1/);
  });
});

describe("funnelPlot", () => {
  const teams = [
    { id: "north", numerator: 45, denominator: 60 },
    { id: "south", numerator: 12, denominator: 40 },
    { id: "east", numerator: 95, denominator: 110 },
    { id: "west", numerator: 27, denominator: 30 },
  ];
  it("funnelPlot(teams, { measure: 'proportion', scale: 100 }) centres on Σ numerators / Σ denominators and places each team against its own exact limits", () => {
    const plot = funnelPlot(teams, { measure: "proportion", scale: 100 });
    close(plot.target, (100 * 179) / 240);
    expect(plot.limitsFrom).toBe("exact");
    for (const team of plot.teams) {
      close(team.limits.innerUpper, 100 * exactBinomialLimit(0.975, team.denominator, 179 / 240));
      close(team.limits.outerLower, 100 * exactBinomialLimit(0.001, team.denominator, 179 / 240));
    }
    // R, θ = 179/240: east 95/110 = 0.8636 > lb(0.999, 110, θ) = 0.8625; west 0.9 between
    // lb(0.975, 30, θ) = 0.8785 and lb(0.999, 30, θ) = 0.9483; south 0.3 < lb(0.001, 40, θ) = 0.5051
    expect(Object.fromEntries(plot.teams.map((t) => [t.id, t.position]))).toEqual({ north: "within", south: "below_outer", east: "above_outer", west: "above_inner" });
    expect(plot.overdispersion).toBeNull();
  });
  it("funnelPlot(...) draws a curve over the teams' denominators, whole numbers for exact binomial limits", () => {
    const plot = funnelPlot(teams, { measure: "proportion", scale: 100, curvePoints: 20 });
    expect(plot.curve[0]?.denominator).toBe(15);
    expect(plot.curve.at(-1)?.denominator).toBe(121);
    expect(plot.curve.every((c) => Number.isInteger(c.denominator) && c.outerLower <= c.innerLower && c.innerUpper <= c.outerUpper)).toBe(true);
  });
  it("funnelPlot(..., { adjustForOverdispersion: true }) widens the limits by τ² (random effects) and reports the estimate", () => {
    const plain = funnelPlot(teams, { measure: "proportion", scale: 100, method: "normal" });
    const adjusted = funnelPlot(teams, { measure: "proportion", scale: 100, adjustForOverdispersion: true });
    expect(adjusted.limitsFrom).toBe("random_effects");
    expect(adjusted.overdispersion?.tau2).toBeGreaterThan(0);
    const southPlain = plain.teams.find((t) => t.id === "south");
    const southAdjusted = adjusted.teams.find((t) => t.id === "south");
    expect(southAdjusted?.limits.outerLower).toBeLessThan(southPlain?.limits.outerLower as number);
    expect(southAdjusted?.position).toBe("below_inner");
  });
  it("funnelPlot(...) uses the normal approximation for a proportion with a fractional denominator, and says so", () => {
    expect(funnelPlot([{ id: "a", numerator: 3, denominator: 10.5 }], { measure: "proportion" }).limitsFrom).toBe("normal");
  });
  it("funnelPlot(...) for a rate uses exact Poisson limits scaled by the multiplier", () => {
    const plot = funnelPlot([{ id: "a", numerator: 3, denominator: 1200 }, { id: "b", numerator: 14, denominator: 1900 }], { measure: "rate", scale: 1000 });
    close(plot.target, (1000 * 17) / 3100);
    close(plot.teams[0]?.limits.outerUpper as number, 1000 * exactPoissonLimit(0.999, 1200, 17 / 3100));
  });
  it("funnelPlot([]) is an empty plot; bad input names the team", () => {
    expect(funnelPlot([], { measure: "rate" })).toMatchObject({ teams: [], curve: [], target: 0 });
    expect(() => funnelPlot([{ id: "x", numerator: 5, denominator: 4 }], { measure: "proportion" })).toThrow(/funnelPlot: team x has numerator 5 above its denominator 4/);
    expect(() => funnelPlot([{ id: "y", numerator: 1, denominator: 0 }], { measure: "rate" })).toThrow(/funnelPlot: team y has denominator 0/);
    expect(() => funnelPlot([], { measure: "rate", scale: 0 })).toThrow(/funnelPlot: invalid scale 0/);
  });
  it("funnelMeasureOf(kind) gives a funnel to percent and rate measures only", () => {
    expect(["percent", "rate", "count", "mean"].map((k) => funnelMeasureOf(k as "percent"))).toEqual(["proportion", "rate", null, null]);
    expect(nearlyEqual(1, 1)).toBe(true);
  });
});
