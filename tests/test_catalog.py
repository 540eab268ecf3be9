"""The catalog is the one place that names a scene's trace, strings key and chapter; listing needs no manim."""
import subprocess
import sys

from scenes import catalog


def test_listing_the_catalog_imports_no_manim():
    code = ("import sys; from scenes import catalog; [s.title() for s in catalog.SCENES]; "
            "print('manim' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "False"


def test_each_scene_class_animates_the_trace_the_catalog_names():
    for spec in catalog.SCENES:
        cls = spec.load()
        assert cls.__name__ == spec.name
        assert (cls.trace_name, cls.title_key, cls.chapter) == (spec.trace, f"{spec.key}.title", spec.chapter)


def test_a_subclass_of_a_scene_keeps_its_facts():
    from scenes.ch1.neuron_firing import NeuronFiring

    class Slower(NeuronFiring):
        pass

    assert (Slower.trace_name, Slower.title_key, Slower.chapter) == ("neuron-firing", "firing.title", 1)


def test_scenes_follow_the_articles_order():
    order = [s.id for s in catalog.SCENES]
    assert order.index("forward-pass") < order.index("parameter-count") < order.index("cost-function")
    assert order.index("weight-update") < order.index("training") < order.index("universal-approximation")
    assert catalog.find("training").chapter == 4 and catalog.find("universal-approximation").chapter == 5
    assert [s.chapter for s in catalog.SCENES] == sorted(s.chapter for s in catalog.SCENES)
