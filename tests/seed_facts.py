"""What the seed annotation holds, as a user would see it through the API."""

DOCUMENT = "xi-putin-2021-08-25"
EVENT = "xi-putin-phone-call-2021-08-25"
XI, PUTIN = "xi-jinping", "vladimir-putin"
ONE_CHINA = (
    "Putin said his country pursues the one-China policy, supports China's legitimate position to safeguard "
    "its own core interests on issues related to Taiwan, Hong Kong, Xinjiang and the South China Sea, and "
    "opposes any external interference in China's domestic affairs."
)
POSITIONS = 15
XI_POSITIONS, PUTIN_POSITIONS, JOINT_POSITIONS = 10, 8, 3


def registry_size() -> int:
    """Leaders in data/leaders.yaml: the registry the seed loads."""
    from app.core.config import PROJECT_ROOT
    from app.ingest.seed_files import read_leaders

    return len(read_leaders(PROJECT_ROOT / "data" / "leaders.yaml"))
