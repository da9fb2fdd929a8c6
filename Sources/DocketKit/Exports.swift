// DocketKit re-exports nothing: a client imports each stage it uses (`import DocketModel`,
// `import DocketReview`, …), so what depends on what can be read from its imports, and the
// pure stages can be used without this layer (the `DocketStages` product).
